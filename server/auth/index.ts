import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db";
import type { Role } from "./actor";
import { clientAddressOf } from "./client-address";
import { checkCredentials } from "./credentials";
import { sessionCallbacks } from "./session-shape";
import { redeemSignInLink } from "@/server/services/users/sign-in-link";

class SignInRefused extends CredentialsSignin {
  constructor(reason: string) {
    super(reason);
    this.code = reason;
  }
}

const credentialsInput = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1000) });
const linkInput = z.object({ token: z.string().min(1).max(100) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 14 },
  pages: { signIn: "/sign-in" },
  logger: {
    error: (error) => {
      // A refused sign-in is not an error; `instanceof` because production builds minify class names.
      if (!(error instanceof CredentialsSignin)) console.error(JSON.stringify({ level: "error", msg: "auth error", name: error.name, message: error.message }));
    },
  },
  providers: [
    Credentials({
      id: "credentials",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        const address = clientAddressOf(request);
        const result = await checkCredentials(db, parsed.data.email, parsed.data.password, address);
        if (!result.ok) throw new SignInRefused(result.reason);
        const { id, email, name, role, sessionVersion } = result.user;
        return { id: String(id), email, name, role, sessionVersion };
      },
    }),
    // The one-time link mailed by "E-mail me a sign-in link": the token stands in for the password.
    Credentials({
      id: "email-link",
      credentials: { token: { label: "Token", type: "text" } },
      async authorize(raw) {
        const parsed = linkInput.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("link_invalid");
        const result = await redeemSignInLink(db, parsed.data.token);
        if (!result.ok) throw new SignInRefused(result.reason);
        const { id, email, name, role, sessionVersion } = result.user;
        return { id: String(id), email, name, role, sessionVersion };
      },
    }),
  ],
  callbacks: sessionCallbacks as NextAuthConfig["callbacks"],
});

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role };
    sessionVersion: number;
  }
}
