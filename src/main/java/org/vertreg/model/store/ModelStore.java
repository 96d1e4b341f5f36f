package org.vertreg.model.store;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Trained pose models: an index in PostgreSQL ({@code pose_model}) and files on disk under
 * {@code <root>/models/<series uid>/<level>/<model id>/} ({@link ModelFiles}). A model is started (TRAINING, with the
 * next version for its series, level and preset), then completed (files written whole, then the row made READY with
 * its metadata) or failed. Every change of state is conditional on the model still being TRAINING, so a model can
 * never be completed twice or after it failed. Timestamps come from the given clock.
 */
public final class ModelStore {
    /** PS3.5 §9.1: digits and dots, at most 64 characters; nothing else can reach the file system. */
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final Pattern PRESET = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int VERSION_ATTEMPTS = 3;
    private static final String COLUMNS = "id, series_instance_uid, vertebra_level, preset, version, status, relative_path, "
            + "metadata::text, status_reason, created_at, updated_at";
    private static final String START = """
            insert into pose_model (id, series_instance_uid, vertebra_level, preset, version, status, relative_path,
                                    created_at, updated_at)
            select n.id, ?, ?, ?,
                   (select coalesce(max(version), 0) + 1 from pose_model
                     where series_instance_uid = ? and vertebra_level = ? and preset = ?),
                   'TRAINING', 'models/' || ? || '/' || ? || '/' || n.id, ?, ?
              from (select nextval(pg_get_serial_sequence('pose_model', 'id')) as id) n
            returning\s""" + COLUMNS;
    private static final String COMPLETE = "update pose_model set status = 'READY', metadata = ?::jsonb, validation_mtre_mm = ?, "
            + "validation_mae = ?, updated_at = ? where id = ? and status = 'TRAINING'";
    private static final String FAIL = "update pose_model set status = 'FAILED', status_reason = ?, updated_at = ? "
            + "where id = ? and status = 'TRAINING'";

    private final DataSource dataSource;
    private final ModelFiles files;
    private final Clock clock;

    /** @param root the models root; folders go under {@code root/models/} */
    public ModelStore(DataSource dataSource, java.nio.file.Path root, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.files = new ModelFiles(Objects.requireNonNull(root, "root"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ModelFiles files() {
        return files;
    }

    /** Opens a new version for a series' vertebra and preset, TRAINING; the series must be in the archive index. */
    public ModelRecord startTraining(String seriesInstanceUid, int level, String preset) throws SQLException {
        requireKey(seriesInstanceUid, level, preset);
        for (int attempt = 1; ; attempt++) {
            Timestamp now = Timestamp.from(clock.instant());
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(START)) {
                int i = 0;
                s.setString(++i, seriesInstanceUid);
                s.setInt(++i, level);
                s.setString(++i, preset);
                s.setString(++i, seriesInstanceUid);
                s.setInt(++i, level);
                s.setString(++i, preset);
                s.setString(++i, seriesInstanceUid);
                s.setString(++i, Integer.toString(level));
                s.setTimestamp(++i, now);
                s.setTimestamp(++i, now);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return read(r);
                }
            } catch (SQLException e) {
                // Two starts for the same key at once may pick the same version; the loser takes the next one.
                if (!"23505".equals(e.getSQLState()) || attempt == VERSION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Writes the model's files and makes it READY.
     *
     * @throws IllegalStateException when the model is not TRAINING (its files are then not kept)
     */
    public ModelRecord complete(long id, ModelMetadata metadata, Block block) throws SQLException, IOException {
        ModelRecord started = find(id).orElseThrow(() -> new IllegalArgumentException("no model " + id));
        if (started.status() != ModelStatus.TRAINING) {
            throw new IllegalStateException("model " + id + " is " + started.status() + ", not TRAINING");
        }
        files.write(started.relativePath(), metadata, block);
        int updated;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETE)) {
            s.setString(1, ModelMetadataJson.write(metadata));
            s.setObject(2, metadata.validation().mTreMm(), Types.DOUBLE);
            s.setDouble(3, metadata.validation().mae());
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.setLong(5, id);
            updated = s.executeUpdate();
        }
        if (updated == 0) {
            files.delete(started.relativePath());
            throw new IllegalStateException("model " + id + " stopped being TRAINING while its files were written");
        }
        return find(id).orElseThrow();
    }

    /** Marks a TRAINING model FAILED with the reason; false when it was not TRAINING. */
    public boolean fail(long id, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FAIL)) {
            s.setString(1, reason);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setLong(3, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Starts and completes at once, for a model trained elsewhere. */
    public ModelRecord register(String seriesInstanceUid, int level, String preset, ModelMetadata metadata, Block block)
            throws SQLException, IOException {
        return complete(startTraining(seriesInstanceUid, level, preset).id(), metadata, block);
    }

    public Optional<ModelRecord> find(long id) throws SQLException {
        List<ModelRecord> found = query("select " + COLUMNS + " from pose_model where id = ?", id);
        return found.stream().findFirst();
    }

    /** The READY model of a series' vertebra completed last, whatever its preset. */
    public Optional<ModelRecord> findLatestReady(String seriesInstanceUid, int level) throws SQLException {
        return query("select " + COLUMNS + " from pose_model where series_instance_uid = ? and vertebra_level = ? "
                + "and status = 'READY' order by updated_at desc, id desc limit 1", seriesInstanceUid, level).stream().findFirst();
    }

    /** Every model of a series, by level, preset and version. */
    public List<ModelRecord> list(String seriesInstanceUid) throws SQLException {
        return query("select " + COLUMNS + " from pose_model where series_instance_uid = ? "
                + "order by vertebra_level, preset, version", seriesInstanceUid);
    }

    /** The metadata as written on disk beside the parameters. */
    public ModelMetadata readMetadata(ModelRecord model) throws IOException {
        return files.readMetadata(model.relativePath());
    }

    /** Reads a READY model's parameters into a block built from its network configuration. */
    public void loadParameters(ModelRecord model, Block block, NDManager manager) throws IOException {
        model.readyMetadata();
        files.loadParameters(model.relativePath(), block, manager);
    }

    private List<ModelRecord> query(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<ModelRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r));
                }
            }
            return out;
        }
    }

    private static ModelRecord read(ResultSet r) throws SQLException {
        String json = r.getString(8);
        try {
            return new ModelRecord(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4), r.getInt(5),
                    ModelStatus.valueOf(r.getString(6)), r.getString(7),
                    Optional.ofNullable(json).map(ModelMetadataJson::read), Optional.ofNullable(r.getString(9)),
                    r.getTimestamp(10).toInstant(), r.getTimestamp(11).toInstant());
        } catch (IllegalArgumentException e) {
            throw new SQLException("model row " + r.getLong(1) + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static void requireKey(String seriesInstanceUid, int level, String preset) {
        if (seriesInstanceUid == null || seriesInstanceUid.length() > 64 || !UID.matcher(seriesInstanceUid).matches()) {
            throw new IllegalArgumentException("not a series instance UID: " + seriesInstanceUid);
        }
        if (level <= 0) {
            throw new IllegalArgumentException("a vertebra level is a positive label id, got " + level);
        }
        if (preset == null || !PRESET.matcher(preset).matches()) {
            throw new IllegalArgumentException("a preset name is 1-32 letters, digits, '-' or '_', got " + preset);
        }
    }
}
