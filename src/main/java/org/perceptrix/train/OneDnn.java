package org.perceptrix.train;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin layer over oneDNN's C API (JavaCPP's {@code dnnl} preset) for {@link OneDnnConvPool}: one CPU engine for
 * the process, a stream per thread, memory descriptors, primitives, memories and their execution. Every object made through
 * an {@link Owner} is destroyed with it. {@link #available} says whether the library loads on this machine.
 */
final class OneDnn {
    /** The kill switch: {@code -Dperceptrix.oneDnn=false} keeps DL4J's oneDNN helper for convolutions. */
    static final String PROPERTY = "perceptrix.oneDnn";
    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
    private static Boolean available;
    private static String version = "";
    private static dnnl_engine engine;
    /** A stream per thread: a oneDNN stream is not to be used by two threads at once (primitives may be). */
    private static final ThreadLocal<dnnl_stream> STREAMS = ThreadLocal.withInitial(() -> {
        dnnl_stream s = new dnnl_stream();
        check(dnnl_stream_create(s, engine, dnnl_stream_default_flags), "creating a stream");
        return s;
    });

    private OneDnn() {
    }

    /** Whether oneDNN loaded (once per process; a failure is logged and remembered) and is not switched off. */
    static synchronized boolean available() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) return false;
        if (available == null) {
            try {
                Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                dnnl_engine e = new dnnl_engine();
                check(dnnl_engine_create(e, dnnl_cpu, 0), "creating the CPU engine");
                engine = e;
                STREAMS.get();
                var v = dnnl_version();
                version = v.major() + "." + v.minor() + "." + v.patch();
                available = true;
            } catch (Throwable t) { // UnsatisfiedLinkError and friends on a platform without the natives
                LOG.info("oneDNN could not be loaded ({}); convolutions use DL4J's helper", t.toString());
                available = false;
            }
        }
        return available;
    }

    /** "2.5.2" once {@link #available}, else empty. */
    static synchronized String version() {
        return version;
    }

    static void check(int status, String what) {
        if (status != dnnl_success) throw new IllegalStateException("oneDNN failed " + what + " (status " + status + ")");
    }

    /** A plain-layout descriptor: {@code tag} is e.g. {@code dnnl_nchw}, {@code dnnl_oihw}, {@code dnnl_x}, or any. */
    static dnnl_memory_desc_t md(long[] dims, int tag) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "describing " + java.util.Arrays.toString(dims));
        return md;
    }

    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    /** Row-major {@code c = op(a) · op(b) + beta · c} on oneDNN's own matrix product, on its OpenMP threads. */
    static void sgemm(boolean transA, boolean transB, long m, long n, long k, org.bytedeco.javacpp.FloatPointer a,
            long lda, org.bytedeco.javacpp.FloatPointer b, long ldb, float beta, org.bytedeco.javacpp.FloatPointer c,
            long ldc) {
        check(dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'), m, n, k, 1f, a, lda, b, ldb, beta, c,
                ldc), "multiplying matrices");
    }

    /** Runs {@code primitive} with {@code (argument kind, memory)} pairs and waits for it. */
    static void execute(dnnl_primitive primitive, dnnl_exec_arg_t args, int count) {
        dnnl_stream stream = STREAMS.get();
        check(dnnl_primitive_execute(primitive, stream, count, args), "executing a primitive");
        check(dnnl_stream_wait(stream), "waiting for a primitive");
    }

    /** The address of an ND4J array's first value (its view offset included), for a user memory. */
    static Pointer address(INDArray a) {
        return new Pointer(a.data().addressPointer()).position(0);
    }

    /**
     * Makes oneDNN objects and destroys them all at once ({@link #close}): primitive descriptors (which own the
     * descriptors queried from them), primitives, memories and the buffers of the memories it allocates.
     */
    static final class Owner implements AutoCloseable {
        private final List<dnnl_primitive_desc> descriptors = new ArrayList<>();
        private final List<dnnl_primitive> primitives = new ArrayList<>();
        private final List<dnnl_memory> memories = new ArrayList<>();
        private final List<BytePointer> buffers = new ArrayList<>();

        /** A primitive descriptor for an operation descriptor (a conv, pooling or eltwise desc struct). */
        dnnl_primitive_desc descriptor(Pointer opDesc, dnnl_primitive_attr attr, dnnl_primitive_desc hint, String what) {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), attr, engine, hint), "setting up " + what);
            descriptors.add(pd);
            return pd;
        }

        dnnl_primitive_desc reorderDescriptor(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_reorder_primitive_desc_create(pd, from, engine, to, engine, null), "setting up a reorder");
            descriptors.add(pd);
            return pd;
        }

        dnnl_primitive primitive(dnnl_primitive_desc pd) {
            dnnl_primitive p = new dnnl_primitive();
            check(dnnl_primitive_create(p, pd), "creating a primitive");
            primitives.add(p);
            return p;
        }

        /** A memory over a buffer of its own, 64-byte aligned as oneDNN prefers. */
        dnnl_memory allocated(dnnl_memory_desc_t md) {
            long size = Math.max(1, dnnl_memory_desc_get_size(md));
            BytePointer raw = Buffers.take(size + 64);
            buffers.add(raw);
            long misalignment = raw.address() % 64;
            Pointer aligned = new BytePointer(raw).position(misalignment == 0 ? 0 : 64 - misalignment);
            return memory(md, aligned);
        }

        /** A memory over data owned elsewhere (an ND4J array), to be pointed at each call ({@link #point}). */
        dnnl_memory user(dnnl_memory_desc_t md) {
            return memory(md, null);
        }

        private dnnl_memory memory(dnnl_memory_desc_t md, Pointer handle) {
            dnnl_memory m = new dnnl_memory();
            check(dnnl_memory_create(m, md, engine, handle), "creating a memory");
            memories.add(m);
            return m;
        }

        @Override
        public void close() {
            for (dnnl_primitive p : primitives) dnnl_primitive_destroy(p);
            for (dnnl_memory m : memories) dnnl_memory_destroy(m);
            for (dnnl_primitive_desc pd : descriptors) dnnl_primitive_desc_destroy(pd);
            for (BytePointer b : buffers) Buffers.give(b);
            primitives.clear();
            memories.clear();
            descriptors.clear();
            buffers.clear();
        }
    }

    /**
     * Buffers given back by closed {@link Owner}s, kept for the next ones: a training run of the same network asks
     * for the same sizes again, and freeing and allocating them anew grew the process by tens of MB per run (the C
     * allocator keeps freed blocks of this size mapped). At most {@link #KEEP_BYTES} are kept; the rest is freed.
     */
    private static final class Buffers {
        private static final long KEEP_BYTES = 256L << 20;
        private static final java.util.Map<Long, java.util.ArrayDeque<BytePointer>> FREE = new java.util.HashMap<>();
        private static long kept;

        static synchronized BytePointer take(long size) {
            java.util.ArrayDeque<BytePointer> q = FREE.get(size);
            BytePointer b = q == null ? null : q.pollLast();
            if (b == null) return new BytePointer(size);
            kept -= size;
            return b;
        }

        static synchronized void give(BytePointer b) {
            long size = b.capacity();
            if (kept + size > KEEP_BYTES) {
                b.close();
                return;
            }
            kept += size;
            FREE.computeIfAbsent(size, k -> new java.util.ArrayDeque<>()).add(b);
        }
    }

    /**
     * Data in the layout a primitive wants: the memory it already is in when the layouts agree, else a buffer of its
     * own filled by a reorder that {@link #run} executes.
     */
    record Reordered(dnnl_memory memory, dnnl_primitive reorder, dnnl_exec_arg_t args) {
        /** {@code from} (in layout {@code fromMd}) as layout {@code toMd}, made with {@code owner}. */
        static Reordered of(Owner owner, dnnl_memory from, dnnl_memory_desc_t fromMd, dnnl_memory_desc_t toMd) {
            if (same(fromMd, toMd)) return new Reordered(from, null, null);
            dnnl_memory to = owner.allocated(toMd);
            return new Reordered(to, owner.primitive(owner.reorderDescriptor(fromMd, toMd)),
                    OneDnn.args(DNNL_ARG_FROM, from, DNNL_ARG_TO, to));
        }

        /**
         * {@code ready} (already in layout {@code readyMd}) if that is the layout wanted, else {@code plain} reordered
         * into it: for a backward pass that may want the forward pass's data in another layout.
         */
        static Reordered reusing(Owner owner, dnnl_memory ready, dnnl_memory_desc_t readyMd, dnnl_memory plain,
                dnnl_memory_desc_t plainMd, dnnl_memory_desc_t wanted) {
            return same(readyMd, wanted) ? new Reordered(ready, null, null) : of(owner, plain, plainMd, wanted);
        }

        /** Executes the reorder, if there is one. */
        void run() {
            if (reorder != null) execute(reorder, args, 2);
        }
    }

    /** Where a memory's data is. */
    static Pointer handle(dnnl_memory memory) {
        Pointer at = new Pointer();
        check(dnnl_memory_get_data_handle(memory, at), "reading a memory's address");
        return at;
    }

    /** Points {@code memory} at {@code data} (another memory's buffer, of the same layout and size). */
    static void handle(dnnl_memory memory, Pointer data) {
        check(dnnl_memory_set_data_handle(memory, data), "pointing a memory at a buffer");
    }

    /** Points a {@link Owner#user} memory at an ND4J array's values. */
    static void point(dnnl_memory memory, INDArray a) {
        check(dnnl_memory_set_data_handle(memory, address(a)), "pointing a memory at an array");
    }

    /** The argument list of one primitive call, made once and reused. */
    static dnnl_exec_arg_t args(Object... kindsAndMemories) {
        int n = kindsAndMemories.length / 2;
        dnnl_exec_arg_t args = new dnnl_exec_arg_t(n);
        for (int i = 0; i < n; i++) {
            args.position(i).arg((Integer) kindsAndMemories[2 * i]).memory((dnnl_memory) kindsAndMemories[2 * i + 1]);
        }
        return args.position(0);
    }
}
