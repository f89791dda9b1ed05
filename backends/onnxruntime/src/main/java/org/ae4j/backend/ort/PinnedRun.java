package org.ae4j.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.Result;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One prepared call of an ORT session: fixed input tensors in, every output written into a fixed (pinned) tensor.
 * Built once per feed/output combination and repeated every step.
 *
 * <p>ORT's public {@code OrtSession.run(Map, Map)} allocates on every call (arrays of names and native handles, the
 * {@code Result} with its map and list: about 600 bytes for one input and parameter, 1.5 kB for a dense model with
 * Adam). When every output is pinned, all that work only rebuilds the same arrays and an empty result, so this class
 * builds the arrays once and calls the same native entry point that {@code OrtSession.run} ends in, through a
 * method handle; what is left per run is the small {@code boolean[]} the native code returns (about 24-40 bytes).
 * The entry point is private to ORT, so it is used only with the ORT version it was checked against (1.23.x) and
 * when all lookups succeed; otherwise, or with {@code -Dae4j.ort.directRun=false}, runs go through the public API,
 * whose {@code Result} is closed at once.
 */
final class PinnedRun {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedRun.class);
    /** The ORT versions whose private {@code OrtSession.run} signature and semantics this class was checked against. */
    private static final String CHECKED_VERSION_PREFIX = "1.23.";

    private final ai.onnxruntime.OrtSession session;
    private final Map<String, OnnxTensor> feeds;
    private final Map<String, OnnxTensor> pinned;
    // The direct call's arguments, built once; the native code only reads them.
    private final String[] inputNames;
    private final long[] inputHandles;
    private final String[] outputNames;
    private final OnnxValue[] outputValues;
    private final long[] outputHandles;
    private final long apiHandle;
    private final long sessionHandle;
    private final long allocatorHandle;
    private final boolean direct;

    /**
     * @param feeds every graph input by name
     * @param pinned every graph output by name, each a tensor of the output's shape
     */
    PinnedRun(ai.onnxruntime.OrtSession session, Map<String, OnnxTensor> feeds, Map<String, OnnxTensor> pinned) {
        this(session, feeds, pinned, true);
    }

    /** As above; {@code allowDirect=false} always goes through the public API (for tests). */
    PinnedRun(ai.onnxruntime.OrtSession session, Map<String, OnnxTensor> feeds, Map<String, OnnxTensor> pinned,
              boolean allowDirect) {
        this.session = session;
        this.feeds = Map.copyOf(feeds);
        this.pinned = Map.copyOf(pinned);
        List<String> ins = List.copyOf(feeds.keySet());
        List<String> outs = List.copyOf(pinned.keySet());
        this.inputNames = ins.toArray(new String[0]);
        this.outputNames = outs.toArray(new String[0]);
        this.inputHandles = new long[inputNames.length];
        this.outputValues = new OnnxValue[outputNames.length];
        this.outputHandles = new long[outputNames.length];
        boolean ok = allowDirect && Direct.AVAILABLE;
        long api = 0;
        long sess = 0;
        long alloc = 0;
        if (ok) {
            try {
                for (int i = 0; i < inputNames.length; i++) {
                    inputHandles[i] = Direct.handle(feeds.get(inputNames[i]));
                }
                for (int i = 0; i < outputNames.length; i++) {
                    outputValues[i] = pinned.get(outputNames[i]);
                    outputHandles[i] = Direct.handle(pinned.get(outputNames[i]));
                }
                api = Direct.apiHandle();
                sess = Direct.sessionHandle(session);
                alloc = Direct.allocatorHandle(session);
                ok = api != 0 && sess != 0 && alloc != 0
                        && session.getInputNames().containsAll(feeds.keySet())
                        && session.getInputNames().size() == feeds.size()
                        && session.getOutputNames().containsAll(pinned.keySet());
            } catch (RuntimeException e) {
                LOG.debug("onnxruntime: direct runs unavailable for this session, using the public API", e);
                ok = false;
            }
        }
        this.apiHandle = api;
        this.sessionHandle = sess;
        this.allocatorHandle = alloc;
        this.direct = ok;
    }

    /** Whether runs skip ORT's per-run wrappers (see the class comment). */
    boolean isDirect() {
        return direct;
    }

    /** Runs the session once; the outputs are in the pinned tensors afterwards. */
    @SuppressWarnings("try") // the result is only closed: the values are in the pinned output tensors
    void run() throws OrtException {
        if (direct) {
            Direct.run(session, apiHandle, sessionHandle, allocatorHandle, inputNames, inputHandles, outputNames,
                    outputValues, outputHandles);
            return;
        }
        try (Result unused = session.run(feeds, pinned)) {
            // The outputs are already in the pinned tensors' buffers.
        }
    }

    /**
     * The private entry point and the private fields it needs, looked up once. Static final, so that the JIT treats
     * the method handle as a constant and the call allocates nothing.
     */
    private static final class Direct {
        private static final MethodHandle RUN;
        private static final VarHandle TENSOR_HANDLE;
        private static final VarHandle SESSION_HANDLE;
        private static final VarHandle SESSION_ALLOCATOR;
        private static final VarHandle ALLOCATOR_HANDLE;
        private static final VarHandle API_HANDLE;
        static final boolean AVAILABLE;

        static {
            MethodHandle run = null;
            VarHandle th = null;
            VarHandle sh = null;
            VarHandle sa = null;
            VarHandle ah = null;
            VarHandle api = null;
            String version = ai.onnxruntime.OrtSession.class.getPackage().getImplementationVersion();
            if (!Boolean.parseBoolean(System.getProperty("ae4j.ort.directRun", "true"))) {
                LOG.debug("onnxruntime: direct runs disabled by -Dae4j.ort.directRun=false");
            } else if (version == null || !version.startsWith(CHECKED_VERSION_PREFIX)) {
                LOG.debug("onnxruntime {}: direct runs are checked against {}x only; using the public API", version,
                        CHECKED_VERSION_PREFIX);
            } else {
                try {
                    Class<?> sessionClass = ai.onnxruntime.OrtSession.class;
                    Class<?> allocatorClass = Class.forName("ai.onnxruntime.OrtAllocator");
                    Class<?> runtimeClass = Class.forName("ai.onnxruntime.OnnxRuntime");
                    Class<?> tensorLike = ai.onnxruntime.OnnxTensorLike.class;
                    MethodHandles.Lookup here = MethodHandles.lookup();
                    MethodHandles.Lookup s = MethodHandles.privateLookupIn(sessionClass, here);
                    run = s.findVirtual(sessionClass, "run", MethodType.methodType(boolean[].class, long.class,
                            long.class, long.class, String[].class, long[].class, long.class, String[].class,
                            long.class, OnnxValue[].class, long[].class, long.class));
                    sh = s.findVarHandle(sessionClass, "nativeHandle", long.class);
                    sa = s.findVarHandle(sessionClass, "allocator", allocatorClass);
                    ah = MethodHandles.privateLookupIn(allocatorClass, here)
                            .findVarHandle(allocatorClass, "handle", long.class);
                    api = MethodHandles.privateLookupIn(runtimeClass, here)
                            .findStaticVarHandle(runtimeClass, "ortApiHandle", long.class);
                    th = MethodHandles.privateLookupIn(tensorLike, here)
                            .findVarHandle(tensorLike, "nativeHandle", long.class);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.debug("onnxruntime {}: direct runs unavailable ({}); using the public API", version,
                            e.toString());
                    run = null;
                }
            }
            AVAILABLE = run != null;
            RUN = run;
            TENSOR_HANDLE = th;
            SESSION_HANDLE = sh;
            SESSION_ALLOCATOR = sa;
            ALLOCATOR_HANDLE = ah;
            API_HANDLE = api;
        }

        private Direct() {
        }

        static long handle(OnnxTensor t) {
            return (long) TENSOR_HANDLE.get(t);
        }

        static long sessionHandle(ai.onnxruntime.OrtSession s) {
            return (long) SESSION_HANDLE.get(s);
        }

        static long allocatorHandle(ai.onnxruntime.OrtSession s) {
            Object allocator = SESSION_ALLOCATOR.get(s);
            return allocator == null ? 0 : (long) ALLOCATOR_HANDLE.get(allocator);
        }

        static long apiHandle() {
            return (long) API_HANDLE.get();
        }

        static void run(ai.onnxruntime.OrtSession session, long api, long sess, long alloc, String[] inputNames,
                        long[] inputHandles, String[] outputNames, OnnxValue[] outputValues, long[] outputHandles)
                throws OrtException {
            boolean[] created;
            try {
                created = (boolean[]) RUN.invokeExact(session, api, sess, alloc, inputNames, inputHandles,
                        (long) inputNames.length, outputNames, (long) outputNames.length, outputValues, outputHandles,
                        0L);
            } catch (OrtException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("onnxruntime: run failed: " + t, t);
            }
            if (created == null) {
                // The native code returns null only after raising OrtException; never expected here.
                throw new OrtException("onnxruntime: the run returned no result");
            }
            for (boolean c : created) {
                if (c) {
                    // Every output is pinned, so ORT creates none; anything else is a bug worth stopping on.
                    throw new IllegalStateException("onnxruntime: a direct run created an output it should have "
                            + "written into a pinned tensor");
                }
            }
        }
    }
}
