package com.facetrust.application.recognition;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.face.FaceEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs face-engine analyses under one time bound ({@code facetrust.recognition.timeout}, A-5.7.5.2 "timeout" →
 * FT-9002): each image is analysed on the container's managed executor while the request thread waits at most the
 * remaining time. Several images (probe and ID photo) run side by side on the two cores. Each task owns its image
 * and zeroes it when the engine is done with it — also after a timeout, when the task may still be running.
 */
final class BoundedAnalysis {
    private final ExecutorService executor;
    private final FaceEngine engine;
    private final long deadlineNanos;

    BoundedAnalysis(ExecutorService executor, FaceEngine engine, Duration bound) {
        this.executor = executor;
        this.engine = engine;
        this.deadlineNanos = System.nanoTime() + bound.toNanos();
    }

    /** One analysis per image, in order; the images are zeroed by the tasks. */
    List<FaceAnalysis> analyse(List<byte[]> images, List<AnalysisOptions> options) {
        List<Future<FaceAnalysis>> running = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            byte[] image = images.get(i);
            AnalysisOptions o = options.get(i);
            running.add(executor.submit(() -> {
                try {
                    return engine.analyze(image, o);
                } finally {
                    Arrays.fill(image, (byte) 0);
                }
            }));
        }
        List<FaceAnalysis> done = new ArrayList<>();
        try {
            for (Future<FaceAnalysis> f : running) {
                done.add(f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return done;
        } catch (TimeoutException e) {
            running.forEach(f -> f.cancel(true));
            wipe(done);
            throw new FaceTrustException(FailureCode.TIMEOUT, "the face analysis did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(f -> f.cancel(true));
            wipe(done);
            throw new FaceTrustException(FailureCode.TIMEOUT, "interrupted while waiting for the face analysis");
        } catch (ExecutionException | CancellationException e) {
            running.forEach(f -> f.cancel(true));
            wipe(done);
            FaceTrustException failure = DatabaseRetry.failureIn(e);
            if (failure != null) {
                throw failure; // the image's own fault, e.g. NO_FACE or IMAGE_CORRUPT
            }
            throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED, "the face could not be processed",
                    List.of(), e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Whether the time bound has passed (checked again after comparison). */
    void requireTimeLeft() {
        if (System.nanoTime() > deadlineNanos) {
            throw new FaceTrustException(FailureCode.TIMEOUT, "the recognition did not finish in time");
        }
    }

    static void wipe(List<FaceAnalysis> analyses) {
        for (FaceAnalysis a : analyses) {
            if (a != null && a.embedding() != null) {
                a.embedding().wipe();
            }
        }
    }
}
