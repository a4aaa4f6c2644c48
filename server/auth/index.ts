import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db";
import type { Role } from "./actor";
import { checkCredentials } from "./credentials";

class SignInRefused extends CredentialsSignin {
  constructor(reason: string) {
    super(reason);
    this.code = reason;
  }
}

const credentialsInput = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1000) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 14 },
  pages: { signIn: "/sign-in" },
  logger: {
    error: (error) => {
      if (error.name !== "CredentialsSignin") console.error(JSON.stringify({ level: "error", msg: "auth error", name: error.name, message: error.message }));
    },
  },
  providers: [
    Credentials({
      id: "credentials",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        const address = clientAddress(request);
        const result = await checkCredentials(db, parsed.data.email, parsed.data.password, address);
        if (!result.ok) throw new SignInRefused(result.reason);
        const { id, email, name, role, sessionVersion } = result.user;
        return { id: String(id), email, name, role, sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: Role; sessionVersion: number };
        token.uid = u.id;
        token.role = u.role;
        token.sv = u.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid);
      session.user.role = token.role as Role;
      session.sessionVersion = Number(token.sv);
      return session;
    },
  },
});

function clientAddress(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "local";
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role };
    sessionVersion: number;
  }
}
