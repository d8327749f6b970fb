package dev.iii.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags of call observations; declare a bean to change them. */
public interface CallObservationConvention extends ObservationConvention<CallObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof CallObservationContext;
    }
}
