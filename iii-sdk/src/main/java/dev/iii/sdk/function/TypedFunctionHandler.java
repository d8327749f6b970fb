package dev.iii.sdk.function;

/**
 * Serves a function with the payload bound to a Java type by the worker's Jackson mapper. A payload that
 * does not bind is answered with {@code invalid_request} naming the JSON path, without calling the handler.
 * Return values and exceptions are treated as for {@link FunctionHandler}.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface TypedFunctionHandler<T> {

    Object handle(T payload, InvocationContext context) throws Exception;
}
