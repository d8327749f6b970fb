package dev.iii.protocol;

/**
 * {@code triggerregistrationresult}: a provider's answer to a {@link RegisterTrigger} from the engine,
 * or the engine telling a registrant that its binding failed.
 *
 * @param id          binding id
 * @param triggerType trigger type id
 * @param functionId  bound function id
 * @param error       absent on success
 */
public record TriggerRegistrationResult(String id, String triggerType, String functionId, ErrorBody error)
        implements Message {
    public TriggerRegistrationResult {
        Fields.required(id, "id");
        Fields.required(triggerType, "trigger_type");
        Fields.required(functionId, "function_id");
    }
}
