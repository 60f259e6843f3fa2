package com.facetrust.infrastructure.face;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session per model per engine (sessions are thread-safe for {@code run}), created with
 * EXTENDED_OPT: the default options ran the recogniser 2-4× slower here (platform-notes), and ALL_OPT doubled the
 * CPU time of the whole pipeline (81 vs 42 ms per 640×480 image, measured with one thread).
 */
public final class OnnxModel implements AutoCloseable {
    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;

    public OnnxModel(String name, byte[] bytes, int intraOpThreads) {
        this.name = name;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // No busy-waiting pool threads: on a shared 2-core machine spinning threads slowed every call 4x
            // (JMH, 2 intra-op threads under load: p50 524 ms vs 117 ms with one).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = env.createSession(bytes, options);
            this.inputName = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new FaceTrustException(FailureCode.ENGINE_UNAVAILABLE, "cannot load model " + name, List.of(), e);
        }
    }

    public String name() {
        return name;
    }

    public List<String> outputNames() {
        return List.copyOf(session.getOutputNames());
    }

    /**
     * Runs the model on one float tensor and returns every output flattened, in the session's output order.
     * The input array is zeroed afterwards: it holds face pixels (A-5.7.1f).
     */
    public Map<String, float[]> run(float[] input, long[] shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] a = new float[fb.remaining()];
                fb.get(a);
                out.put(e.getKey(), a);
            }
            return out;
        } catch (OrtException e) {
            throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED,
                    "inference failed in " + name, List.of(), e);
        } finally {
            Arrays.fill(input, 0f);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing at shutdown: nothing useful to do
        }
    }
}
