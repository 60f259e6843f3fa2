/**
 * The in-memory 1:N index behind the gallery (A-5.7.2, issue 5 "Gallery for 1:N"): plain Java, no Jakarta imports,
 * so unit tests and the benchmark run the same code as the server.
 *
 * <p>Per template it keeps, on the heap, an int8 code of the unit vector with its scale and quantisation error
 * (about 520 B), a sign sketch (64 B for 512-d) and the owner's subject number; the exact float32 vector lives
 * off-heap in direct buffers. A search ranks by the int8 scores with a proven error bound and re-ranks every
 * template that the bound cannot rule out with the exact floats, so it returns exactly what a brute-force float
 * cosine scan returns; above a configured size it first keeps only the templates nearest by sign sketch (the only
 * step that can miss a match, see {@link com.facetrust.infrastructure.gallery.SearchSettings}).
 */
package com.facetrust.infrastructure.gallery;
