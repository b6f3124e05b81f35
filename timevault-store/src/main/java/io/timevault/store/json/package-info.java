/**
 * The small JSON reader and writer behind every timevault file: canonical serde_json output, strict input,
 * unsigned 64-bit integers. Kept inside the store so the engine depends on nothing but the JDK for its formats.
 */
package io.timevault.store.json;
