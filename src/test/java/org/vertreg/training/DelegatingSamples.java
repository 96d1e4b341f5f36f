package org.vertreg.training;

/** Passes everything to another source; tests override what they need to change. */
class DelegatingSamples implements PoseSamples {
    private final PoseSamples source;

    DelegatingSamples(PoseSamples source) {
        this.source = source;
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public int columns() {
        return source.columns();
    }

    @Override
    public int rows() {
        return source.rows();
    }

    @Override
    public void fill(int index, float[] image, float[] pose) {
        source.fill(index, image, pose);
    }

    @Override
    public PoseSamples forEpoch(int epoch) {
        return source.forEpoch(epoch);
    }
}
