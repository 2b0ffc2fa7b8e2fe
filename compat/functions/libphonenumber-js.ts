import { parsePhoneNumberFromString, isValidPhoneNumber, AsYouType } from "libphonenumber-js";

export default () => [{}, async (request: any) => {
  const p = parsePhoneNumberFromString("+1 213 373 4253")!;
  return { intl: p.formatInternational(), national: p.formatNational(), country: p.country, uri: p.getURI(), valid: isValidPhoneNumber("+44 20 7946 0958"), invalid: isValidPhoneNumber("+1 000"), typing: new AsYouType("FR").input("0612345678"), de: parsePhoneNumberFromString("030 1234567", "DE")!.number };
}];
