/**
 * Mergeable data profiles: build one per log object or data file, merge partials, serialise,
 * and read statistics back. See README.md beside this file.
 *
 * @example
 * import { ProfileBuilder, mergeProfiles, quantile } from "../profile/index.ts";
 */
export * from "./constants.ts";
export * from "./errors.ts";
export type * from "./types.ts";
export { ProfileBuilder, type ProfileBuilderOptions, type TopField } from "./profile-builder.ts";
export { mergeProfiles, type MergeOptions } from "./merge-profiles.ts";
export { mergeColumns, mergeMoments, type MergeLimits, type Moments } from "./merge-columns.ts";
export { ProfileMerger } from "./profile-merger.ts";
export { packProfile, unpackProfile, type PackedProfile } from "./packed.ts";
export { serialiseProfile, parseProfile } from "./serialise.ts";
export { validateProfile, type ValidateOptions } from "./validate.ts";
export {
  nonNullCount, missingCount, mean, std, quantile, cdf, weightedSample, distinctNumbers, categoryCounts,
  categoricalValueCount, numericValueCount,
} from "./column-stats.ts";
export { inferType, typeMismatches } from "./infer-type.ts";
export { mergeDistributions } from "./distribution.ts";
export { totalWeight, quantileOfDistribution, cdfOfDistribution, weightedSampleOfDistribution } from "./distribution-query.ts";
