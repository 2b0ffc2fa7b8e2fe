// Types of the modules Tarsus provides to functions ("tarsus:…").
// Written by `tarsus init`; a newer tarsus writes a newer copy with
// `tarsus init --force` (it overwrites the project's files).

declare module "tarsus:kv" {
  /** How a value is returned: "text" (default for get), "json", "bytes" (Uint8Array) or "arrayBuffer". */
  export type KVType = "text" | "json" | "bytes" | "arrayBuffer";

  export interface KVGetOptions<T extends KVType = KVType> {
    type?: T;
  }

  export interface KVPutOptions {
    /** Seconds until the key expires (also accepted: expirationTtl). */
    ttl?: number;
    expirationTtl?: number;
    /** Seconds since the epoch when the key expires. */
    expiration?: number;
    /** "json": store JSON.stringify(value), for any JSON value. */
    type?: "json";
  }

  export interface KVListOptions {
    prefix?: string;
    /** 1 to 1000 (default 1000). */
    limit?: number;
    /** The cursor of the previous page. */
    cursor?: string | null;
  }

  export interface KVListKey {
    name: string;
    /** Milliseconds since the epoch, or null if the key never expires. */
    expiresAt: number | null;
  }

  export interface KVListResult {
    keys: KVListKey[];
    /** Pass it to the next list() call; null when the list is complete. */
    cursor: string | null;
    list_complete: boolean;
  }

  export interface KVValueWithMetadata<V> {
    value: V | null;
    /** Grows with every write; 0 when the key does not exist. */
    version: number;
    expiresAt: number | null;
  }

  export interface KV {
    /** The value, or null when the key does not exist (or has expired). */
    get(key: string, options?: "text" | KVGetOptions<"text">): Promise<string | null>;
    get<T = unknown>(key: string, options: "json" | KVGetOptions<"json">): Promise<T | null>;
    get(key: string, options: "bytes" | KVGetOptions<"bytes">): Promise<Uint8Array | null>;
    get(key: string, options: "arrayBuffer" | KVGetOptions<"arrayBuffer">): Promise<ArrayBuffer | null>;
    getWithMetadata(key: string, options?: "text" | KVGetOptions<"text">): Promise<KVValueWithMetadata<string>>;
    getWithMetadata<T = unknown>(key: string, options: "json" | KVGetOptions<"json">): Promise<KVValueWithMetadata<T>>;
    getWithMetadata(key: string, options: "bytes" | KVGetOptions<"bytes">): Promise<KVValueWithMetadata<Uint8Array>>;
    getWithMetadata(key: string, options: "arrayBuffer" | KVGetOptions<"arrayBuffer">): Promise<KVValueWithMetadata<ArrayBuffer>>;
    /** Values: a string, an ArrayBuffer or a typed array (at most 1 MiB); any JSON value with {type: "json"}. */
    put(key: string, value: string | ArrayBuffer | ArrayBufferView, options?: KVPutOptions): Promise<void>;
    put(key: string, value: unknown, options: KVPutOptions & { type: "json" }): Promise<void>;
    delete(key: string): Promise<void>;
    list(options?: KVListOptions): Promise<KVListResult>;
    /**
     * Atomic read-modify-write: fn gets the current value (null when absent;
     * decoded as JSON unless options.type says otherwise) and returns the new
     * one (undefined: write nothing). When another writer changed the key
     * meanwhile, fn runs again with the newer value. Resolves to what was
     * written.
     */
    update<T = any>(key: string, fn: (current: T | null) => T | undefined | Promise<T | undefined>, options?: { type?: KVType; ttl?: number }): Promise<T | undefined>;
  }

  export const kv: KV;
  export default kv;
}
