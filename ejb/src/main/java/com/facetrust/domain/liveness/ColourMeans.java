package com.facetrust.domain.liveness;

/** Mean sRGB values (0–255) of a skin region in one frame; the raw material of pulse and light-response cues. */
public record ColourMeans(double red, double green, double blue) {

    public double sum() {
        return red + green + blue;
    }

    /** Normalised chromaticity r/(r+g+b): independent of overall brightness. */
    public double redChroma() {
        double s = sum();
        return s <= 0 ? 1.0 / 3 : red / s;
    }

    public double greenChroma() {
        double s = sum();
        return s <= 0 ? 1.0 / 3 : green / s;
    }

    public double blueChroma() {
        double s = sum();
        return s <= 0 ? 1.0 / 3 : blue / s;
    }
}
