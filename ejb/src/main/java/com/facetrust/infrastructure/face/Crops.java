package com.facetrust.infrastructure.face;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/** Region crops that may extend past the image border (faces cut off by the frame). */
final class Crops {
    private Crops() {
    }

    /**
     * The pixels of rectangle (x, y, w, h), which may lie partly outside the image; the outside is filled by
     * replicating the border so the face keeps its position inside the crop. Returns a new Mat the caller wipes.
     */
    static Mat padded(Mat image, int x, int y, int w, int h) {
        w = Math.max(1, w);
        h = Math.max(1, h);
        int ix1 = Math.max(0, x), iy1 = Math.max(0, y);
        int ix2 = Math.min(image.cols(), x + w), iy2 = Math.min(image.rows(), y + h);
        if (ix2 <= ix1 || iy2 <= iy1) {
            Mat blank = new Mat(h, w, image.type(), Scalar.all(0));
            return blank;
        }
        Mat inside = image.submat(new Rect(ix1, iy1, ix2 - ix1, iy2 - iy1));
        Mat out = new Mat();
        Core.copyMakeBorder(inside, out, iy1 - y, (y + h) - iy2, ix1 - x, (x + w) - ix2, Core.BORDER_REPLICATE);
        inside.release(); // a view, no own pixels
        return out;
    }
}
