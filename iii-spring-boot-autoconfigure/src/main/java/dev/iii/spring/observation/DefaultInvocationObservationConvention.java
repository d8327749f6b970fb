package dev.iii.spring.observation;

import dev.iii.spring.observation.IIIObservationDocumentation.HighCardinalityKeys;
import dev.iii.spring.observation.IIIObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/** Observation {@code iii.invocation}, contextual name {@code iii <function id>}. */
public class DefaultInvocationObservationConvention implements InvocationObservationConvention {

    @Override
    public String getName() {
        return "iii.invocation";
    }

    @Override
    public String getContextualName(InvocationObservationContext context) {
        return "iii " + context.getInvocation().functionId();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(InvocationObservationContext context) {
        return KeyValues.of(LowCardinalityKeys.FUNCTION_ID.withValue(context.getInvocation().functionId()),
                LowCardinalityKeys.OUTCOME.withValue(context.getOutcome()),
                LowCardinalityKeys.ERROR_CODE.withValue(context.getErrorCode()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(InvocationObservationContext context) {
        KeyValues values = KeyValues.empty();
        if (context.getInvocation().invocationId() != null) {
            values = values.and(HighCardinalityKeys.INVOCATION_ID.withValue(context.getInvocation().invocationId().toString()));
        }
        if (context.getInvocation().callerWorkerId() != null) {
            values = values.and(HighCardinalityKeys.CALLER_WORKER_ID.withValue(context.getInvocation().callerWorkerId()));
        }
        return values;
    }
}
