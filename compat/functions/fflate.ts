import { deflateSync, inflateSync, gzipSync, gunzipSync, zipSync, unzipSync, strToU8, strFromU8 } from "fflate";

export default () => [{}, async (request: any) => {
  const input = strToU8("fflate fflate fflate compresses ".repeat(30));
  const d = deflateSync(input, { level: 6 });
  const gz = gzipSync(input, { mtime: 0 });
  const zip = zipSync({ "a.txt": strToU8("A"), "dir/b.txt": strToU8("BB") }, { mtime: new Date(Date.UTC(2024, 0, 1)) });
  const files = unzipSync(zip);
  return { dLen: d.length, dHead: Array.from(d.slice(0, 8)), inflated: strFromU8(inflateSync(d)).length, gzLen: gz.length, gunzip: strFromU8(gunzipSync(gz)).length, zipLen: zip.length, names: Object.keys(files), b: strFromU8(files["dir/b.txt"]) };
}];
