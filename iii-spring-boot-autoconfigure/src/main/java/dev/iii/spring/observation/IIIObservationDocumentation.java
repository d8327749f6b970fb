package dev.iii.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of an iii worker: one per invocation served and one per call made. With Spring Boot's
 * Micrometer support each becomes a timer ({@code iii.invocation}, {@code iii.call}) and, with Micrometer
 * Tracing, a span that continues the caller's W3C trace.
 */
public enum IIIObservationDocumentation implements ObservationDocumentation {

    /** An invocation of one of this worker's functions. */
    INVOCATION {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultInvocationObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] { HighCardinalityKeys.INVOCATION_ID, HighCardinalityKeys.CALLER_WORKER_ID };
        }
    },

    /** A call from this worker to a function. */
    CALL {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultCallObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }
    };

    /** Tags with a bounded set of values; the same keys on every observation of a kind. */
    public enum LowCardinalityKeys implements KeyName {
        /** The function invoked or called. */
        FUNCTION_ID {
            @Override
            public String asString() {
                return "iii.function.id";
            }
        },
        /** {@code success} or {@code error}. */
        OUTCOME {
            @Override
            public String asString() {
                return "iii.outcome";
            }
        },
        /** The error code, {@code none} on success. */
        ERROR_CODE {
            @Override
            public String asString() {
                return "iii.error.code";
            }
        }
    }

    /** Span attributes only: never tags of a meter. */
    public enum HighCardinalityKeys implements KeyName {
        /** The invocation id. */
        INVOCATION_ID {
            @Override
            public String asString() {
                return "iii.invocation.id";
            }
        },
        /** The calling worker's id. */
        CALLER_WORKER_ID {
            @Override
            public String asString() {
                return "iii.caller.worker.id";
            }
        }
    }

    /** The default conventions, as instances. */
    public static final class DefaultConventions {
        public static final InvocationObservationConvention INVOCATION = new DefaultInvocationObservationConvention();
        public static final CallObservationConvention CALL = new DefaultCallObservationConvention();

        private DefaultConventions() {
        }
    }
}
