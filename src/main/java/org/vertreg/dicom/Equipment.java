package org.vertreg.dicom;

/**
 * What the Enhanced General Equipment module (PS3.3 C.7.5.2) says of the node that made an object; the manufacturer is
 * always {@value #MANUFACTURER}. All three are Type 1 there, so none may be empty.
 */
public record Equipment(String manufacturerModelName, String deviceSerialNumber, String softwareVersions) {
    public static final String MANUFACTURER = "Vertreg";

    public Equipment {
        manufacturerModelName = required(manufacturerModelName, "Manufacturer's Model Name");
        deviceSerialNumber = required(deviceSerialNumber, "Device Serial Number");
        softwareVersions = required(softwareVersions, "Software Versions");
    }

    /** This node: model "Vertreg", the given serial number (an installation's name), the version the build records. */
    public static Equipment node(String deviceSerialNumber) {
        return new Equipment(MANUFACTURER, deviceSerialNumber, Part10Writer.softwareVersion());
    }

    private static String required(String value, String name) {
        String v = DicomAttributes.checkedText(value, 64, name);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return v;
    }
}
