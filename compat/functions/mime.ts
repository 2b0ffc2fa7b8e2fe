import mime from "mime";

export default () => [{}, async (request: any) => {
  return { json: mime.getType("data.json"), html: mime.getType("index.HTML"), svg: mime.getType("x.svg"), ext: mime.getExtension("image/jpeg"), unknown: mime.getType("file.unknownext"), all: [...(mime.getAllExtensions("text/markdown") ?? [])].sort() };
}];
