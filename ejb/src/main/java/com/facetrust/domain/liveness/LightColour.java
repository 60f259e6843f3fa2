package com.facetrust.domain.liveness;

/** One colour of a light-response challenge, as the client must show it full-screen (sRGB 0–255). */
public record LightColour(int red, int green, int blue) {

    public LightColour {
        if (red < 0 || red > 255 || green < 0 || green > 255 || blue < 0 || blue > 255) {
            throw new IllegalArgumentException("colour out of range: " + red + "," + green + "," + blue);
        }
    }

    public String hex() {
        return String.format("#%02x%02x%02x", red, green, blue);
    }
}
