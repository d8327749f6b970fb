package dev.iii.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags of invocation observations; declare a bean to change them. */
public interface InvocationObservationConvention extends ObservationConvention<InvocationObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof InvocationObservationContext;
    }
}
