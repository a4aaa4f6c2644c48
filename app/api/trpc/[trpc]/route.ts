import { createContext } from "@/server/trpc/context";
import { handleTrpcRequest } from "@/server/trpc/http-handler";

const handler = (req: Request) => handleTrpcRequest(req, createContext);

export { handler as GET, handler as POST };
