/**
 * The face engine in the server (issue 3): {@link com.facetrust.application.face.FaceEngineService} loads the
 * models once at start-up, logs their manifest and hands the shared, thread-safe
 * {@link com.facetrust.infrastructure.face.FaceEngine} to the enrolment, verification and liveness services.
 */
package com.facetrust.application.face;
