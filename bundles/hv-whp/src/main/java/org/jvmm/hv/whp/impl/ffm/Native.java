package org.jvmm.hv.whp.impl.ffm;

/** Runs one downcall; a {@link Throwable} from {@code invokeExact} that is not an HRESULT is a bug here. */
final class Native {
    private Native() {
    }

    @FunctionalInterface
    interface Call {
        int invoke() throws Throwable;
    }

    static int call(Call call) {
        try {
            return call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed: " + t, t);
        }
    }
}
