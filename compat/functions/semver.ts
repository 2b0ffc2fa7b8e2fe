import semver from "semver";

export default () => [{}, async (request: any) => {
  return { valid: semver.valid("1.2.3-beta.1"), gt: semver.gt("1.10.0", "1.9.9"), sat: semver.satisfies("2.4.1", "^2.3.0 || >=4"), max: semver.maxSatisfying(["1.2.3", "1.4.0", "2.0.0"], "~1.2 || ^1.3"), inc: semver.inc("1.2.3", "prerelease", "rc"), sorted: semver.sort(["1.0.0", "0.9.1", "1.0.0-alpha"]), coerce: semver.coerce("v3.4 beta")!.version, diff: semver.diff("1.2.3", "1.3.0") };
}];
