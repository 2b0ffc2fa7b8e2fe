import validator from "validator";

export default () => [{}, async (request: any) => {
  return { email: validator.isEmail("foo@bar.com"), notEmail: validator.isEmail("foo@"), url: validator.isURL("https://example.com/a?b=1"), uuid: validator.isUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), ip: validator.isIP("192.168.0.300"), escaped: validator.escape("<a href='x'>&</a>"), slug: validator.isSlug("hello-world"), credit: validator.isCreditCard("4111111111111111"), normalized: validator.normalizeEmail("Foo.Bar+x@GMAIL.com"), trim: validator.trim("  x  "), iso: validator.isISO8601("2024-03-15T10:00:00Z") };
}];
