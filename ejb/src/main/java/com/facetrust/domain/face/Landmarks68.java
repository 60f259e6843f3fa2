package com.facetrust.domain.face;

import java.util.List;

/**
 * The 68 facial landmarks in the iBUG 300-W order (0-16 jaw, 17-26 brows, 27-35 nose, 36-47 eyes,
 * 48-67 mouth), in image pixel coordinates.
 */
public record Landmarks68(List<Point2> points) {
    public Landmarks68 {
        points = List.copyOf(points);
        if (points.size() != 68) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + points.size());
        }
    }

    public Point2 get(int index) {
        return points.get(index);
    }

    private Point2 mean(int... indices) {
        double x = 0, y = 0;
        for (int i : indices) {
            x += points.get(i).x();
            y += points.get(i).y();
        }
        return new Point2(x / indices.length, y / indices.length);
    }

    /**
     * The five alignment points, derived as the models' own package does: eye centres from the four eyelid points
     * (corners excluded), nose tip = point 30, mouth corners = mean of the outer and inner lip corners.
     */
    public AlignmentPoints alignmentPoints() {
        return new AlignmentPoints(
                mean(37, 38, 40, 41),
                mean(43, 44, 46, 47),
                points.get(30),
                mean(48, 60),
                mean(54, 64));
    }

    /**
     * Mouth opening: inner-lip gap (points 62-66, 61-67, 63-65) over mouth width (48-54). About 0 closed,
     * 0.1-0.2 slightly open, above ~0.35 wide open.
     */
    public double mouthOpenRatio() {
        double gap = (points.get(66).distanceTo(points.get(62))
                + points.get(67).distanceTo(points.get(61))
                + points.get(65).distanceTo(points.get(63))) / 3;
        double width = points.get(48).distanceTo(points.get(54));
        return width <= 0 ? 0 : gap / width;
    }
}
