import { Base64 } from "js-base64";

export default () => [{}, async (request: any) => {
  return { enc: Base64.encode("dankogai 小飼弾 😀"), url: Base64.encodeURI("??>>"), dec: Base64.decode("5bCP6aO85by+"), valid: Base64.isValid("YWJj"), u8: Array.from(Base64.toUint8Array("AQID")) };
}];
