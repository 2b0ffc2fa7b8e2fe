import bcrypt from "bcryptjs";

export default () => [{}, async (request: any) => {
  const salt = "$2a$04$abcdefghijklmnopqrstuu";
  const hash = bcrypt.hashSync("correct horse", salt);
  return { hash, ok: bcrypt.compareSync("correct horse", hash), wrong: bcrypt.compareSync("battery", hash), rounds: bcrypt.getRounds(hash), saltOf: bcrypt.getSalt(hash), async: await bcrypt.compare("correct horse", hash) };
}];
