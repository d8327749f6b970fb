package dev.iii.engine;

/** A trigger type's identity: providers are filed per namespace. */
record TypeKey(String namespace, String id) {
}
