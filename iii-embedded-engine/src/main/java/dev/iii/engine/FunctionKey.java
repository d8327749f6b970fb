package dev.iii.engine;

/** A function's identity: the same id may be registered once per namespace. */
record FunctionKey(String namespace, String id) {
}
