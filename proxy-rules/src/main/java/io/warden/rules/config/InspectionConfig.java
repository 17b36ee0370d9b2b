package io.warden.rules.config;

/** @param mode what a finding does: block, detect or off */
public record InspectionConfig(InspectionMode mode) {

    public static InspectionConfig defaults() {
        return new InspectionConfig(InspectionMode.BLOCK);
    }

    void validate(Problems p) {
        p.required("inspection.mode", mode);
    }
}
