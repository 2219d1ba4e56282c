import { generateKeyPairSync, randomBytes } from "node:crypto";

/** A throw-away webhook secret and app private key, for an app process and the deliveries it checks. */
export function appCredentials(): { secret: string; privateKey: string } {
  const secret = randomBytes(32).toString("hex");
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs1",
    format: "pem",
  }) as string;
  return { secret, privateKey };
}
