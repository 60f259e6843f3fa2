package com.facetrust.domain.face;

/** An axis-aligned face box in image pixel coordinates; may extend past the image when the face is cut off. */
public record BoundingBox(double x1, double y1, double x2, double y2) {
    public BoundingBox {
        if (!(x2 >= x1 && y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + " " + x2 + "," + y2);
        }
    }

    public double width() { return x2 - x1; }
    public double height() { return y2 - y1; }
    public double area() { return width() * height(); }
    public Point2 centre() { return new Point2((x1 + x2) / 2, (y1 + y2) / 2); }

    /** Intersection over union, the overlap measure of non-maximum suppression. */
    public double iou(BoundingBox o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }

    /** Share of this box's area that lies inside a width x height image (1 = complete, face not cut off). */
    public double fractionInside(int width, int height) {
        double iw = Math.min(x2, width) - Math.max(x1, 0);
        double ih = Math.min(y2, height) - Math.max(y1, 0);
        if (iw <= 0 || ih <= 0 || area() <= 0) {
            return 0;
        }
        return (iw * ih) / area();
    }
}
