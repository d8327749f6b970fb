package dev.iii.spring.observation;

import dev.iii.spring.observation.IIIObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/** Observation {@code iii.call}, contextual name {@code iii call <function id>}. */
public class DefaultCallObservationConvention implements CallObservationConvention {

    @Override
    public String getName() {
        return "iii.call";
    }

    @Override
    public String getContextualName(CallObservationContext context) {
        return "iii call " + context.getFunctionId();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(CallObservationContext context) {
        return KeyValues.of(LowCardinalityKeys.FUNCTION_ID.withValue(context.getFunctionId()),
                LowCardinalityKeys.OUTCOME.withValue(context.getOutcome()),
                LowCardinalityKeys.ERROR_CODE.withValue(context.getErrorCode()));
    }
}
