/**
 * Every limit the fake enforces, in one place, each marked by where it comes from:
 *
 * - "RunPod documents": shared/runpod-api.md states it; a client may rely on it.
 * - "the fake's own choice": runpod-api.md states none. The fake needs some bound (a schema with no
 *   maximum lets a test send anything) or picks a number so tests run fast; a client must not take
 *   it for RunPod's, and a test that hits it tests the fake, not RunPod.
 *
 * The fake imports no client rule (client/src, server/src): it stands for RunPod, which the client
 * is tested against, and a rule shared with the client could not catch the client getting it wrong.
 * The README's "Limits" section lists the same table; limits.test.ts keeps the two in step.
 *
 * | constant                     | value           | source                                                      |
 * |------------------------------|-----------------|-------------------------------------------------------------|
 * | SECRET_NAME_MAX_CHARS        | 191             | RunPod documents (secret name 1 to 191 characters)          |
 * | SECRET_VALUE_MAX_BYTES       | 16 MiB, exclusive | RunPod documents (strictly under 16,777,216 bytes of UTF-8) |
 * | SECRET_DESCRIPTION_MAX_BYTES | 65,535          | RunPod documents                                            |
 * | POD_MAX_ENV                  | 50              | RunPod documents (a Pod has at most 50 variables)           |
 * | LOG_TAIL_DEFAULT             | 100             | RunPod documents (`tail` default)                           |
 * | LOG_TAIL_MAX                 | 5,000           | RunPod documents (`tail` 0 to 5000)                         |
 * | GPU count                    | catalog maxCount| RunPod documents (GpuType.maxCount); no constant here       |
 * | RATE_LIMIT_PER_MINUTE        | 600             | the fake's own choice (RunPod documents 60 today, and says read the headers) |
 * | RATE_LIMIT_HOUR_FACTOR       | 30 x minute     | the fake's own choice (RunPod documents 3,000 an hour)      |
 * | RATE_LIMIT_DAY_FACTOR        | 500 x minute    | the fake's own choice (RunPod documents 50,000 a day)       |
 * | RESOURCE_NAME_MAX_CHARS      | 191             | the fake's own choice (191 is documented for secrets only)  |
 * | IMAGE_MAX_CHARS              | 1,024           | the fake's own choice                                       |
 * | ARGS_MAX_CHARS               | 4,096           | the fake's own choice                                       |
 * | DISK_MAX_GB                  | 10,000          | the fake's own choice (disk and persistent volume size)     |
 * | TEMPLATE_MAX_ENV             | 50              | the fake's own choice (50 is documented for Pods only)      |
 * | ENDPOINT_MAX_ENV             | 50              | the fake's own choice (50 is documented for Pods only)      |
 * | PORTS_MAX                    | 20              | the fake's own choice                                       |
 * | CUDA_VERSIONS_MAX            | 20              | the fake's own choice                                       |
 * | DATA_CENTERS_MAX             | 50              | the fake's own choice                                       |
 * | GPU_POOLS_MAX                | 10              | the fake's own choice                                       |
 * | NETWORK_VOLUMES_MAX          | 10              | the fake's own choice                                       |
 * | LIST_ITEMS_MAX               | 100             | the fake's own choice (any other array field)               |
 * | WORKERS_MAX                  | 999             | the fake's own choice (RunPod documents a per-account quota, no fixed maximum) |
 * | SECONDS_SETTING_MAX          | 3,600           | the fake's own choice (idleTimeout, queueDelay)             |
 * | REQUEST_COUNT_MAX            | 10,000          | the fake's own choice (scaling requestCount)                |
 * | ENDPOINT_TIMEOUT_MAX_S       | 86,400          | the fake's own choice (endpoint `timeout`)                  |
 * | REQUEST_BODY_MAX_BYTES       | 17 MiB          | the fake's own choice (413 past it; room for a 16 MiB value in JSON) |
 * | POD_CREATE_BALANCE_HOURS     | 1               | the fake's own choice (RunPod documents a 402, not its threshold) |
 * | LOG_BOOTS_KEPT               | 5               | the fake's own choice (a Pod's logs of its last boots)      |
 *
 * Pagination: RunPod documents none for any list, and the fake pages nothing: every list is whole.
 * The port form (`1-65535/http|tcp`) is the fake's reading of the examples runpod-api.md shows
 * (validate.ts `port`).
 */

/** RunPod documents: a secret name is 1 to 191 characters. */
export const SECRET_NAME_MAX_CHARS = 191;
/** RunPod documents: a value is strictly under 16 MiB (16,777,216 bytes) of UTF-8. */
export const SECRET_VALUE_MAX_BYTES = 16 * 1024 * 1024;
/** RunPod documents: a description is at most 65,535 bytes of UTF-8. */
export const SECRET_DESCRIPTION_MAX_BYTES = 65_535;
/** RunPod documents: a Pod has at most 50 environment variables (template and Pod env merged). */
export const POD_MAX_ENV = 50;
/** RunPod documents: a log request's `tail` defaults to 100. */
export const LOG_TAIL_DEFAULT = 100;
/** RunPod documents: `tail` is 0 to 5000; also what the fake retains per log. */
export const LOG_TAIL_MAX = 5000;

/** The fake's own choice: requests a minute before 429 (RunPod documents 60 today: tests would wait). */
export const RATE_LIMIT_PER_MINUTE = 600;
/** The fake's own choice: the hour quota as a multiple of the minute's, so the minute is what tests hit. */
export const RATE_LIMIT_HOUR_FACTOR = 30;
/** The fake's own choice: the day quota as a multiple of the minute's. */
export const RATE_LIMIT_DAY_FACTOR = 500;
/** The fake's own choice: template, Pod and endpoint names (191 is documented for secrets only). */
export const RESOURCE_NAME_MAX_CHARS = 191;
/** The fake's own choice. */
export const IMAGE_MAX_CHARS = 1024;
/** The fake's own choice. */
export const ARGS_MAX_CHARS = 4096;
/** The fake's own choice: container disk and persistent volume size, in GB. */
export const DISK_MAX_GB = 10_000;
/** The fake's own choice (50 is documented for Pods only). */
export const TEMPLATE_MAX_ENV = 50;
/** The fake's own choice (50 is documented for Pods only). */
export const ENDPOINT_MAX_ENV = 50;
/** The fake's own choice. */
export const PORTS_MAX = 20;
/** The fake's own choice. */
export const CUDA_VERSIONS_MAX = 20;
/** The fake's own choice. */
export const DATA_CENTERS_MAX = 50;
/** The fake's own choice. */
export const GPU_POOLS_MAX = 10;
/** The fake's own choice. */
export const NETWORK_VOLUMES_MAX = 10;
/** The fake's own choice: any other array field of a body. */
export const LIST_ITEMS_MAX = 100;
/**
 * The fake's own choice: RunPod documents no fixed most workers per endpoint (a per-account quota
 * decides, and names the field in its 422); the fake refuses only past three digits, where a count
 * can only be a typo.
 */
export const WORKERS_MAX = 999;
/** The fake's own choice: `workers.idleTimeout` and `scaling.queueDelay`, in seconds. */
export const SECONDS_SETTING_MAX = 3600;
/** The fake's own choice: `scaling.requestCount`. */
export const REQUEST_COUNT_MAX = 10_000;
/** The fake's own choice: an endpoint's `timeout`, in seconds. */
export const ENDPOINT_TIMEOUT_MAX_S = 86_400;
/** The fake's own choice: a larger body is answered 413 (room for a 16 MiB value as JSON). */
export const REQUEST_BODY_MAX_BYTES = 17 * 1024 * 1024;
/** The fake's own choice: a Pod create needs this many hours of its cost in the balance (else 402). */
export const POD_CREATE_BALANCE_HOURS = 1;
/** The fake's own choice: boots whose logs are kept per Pod, the current one and a few before it. */
export const LOG_BOOTS_KEPT = 5;
