import { after } from "next/server";
import { webhookEndpoint } from "@/lib/marketplaces/registry";
import { receiveNotice } from "@/lib/notifications";

// Every marketplace's notification endpoints, /api/webhooks/<marketplace>[/<path>], each defined
// in its marketplace's folder (descriptor.webhooks). The endpoint is read from the request's own
// path, which is what Next's params would say, so a handler is called with the Request alone.

const PREFIX = "/api/webhooks/";

function endpointOf(req: Request) {
  const [marketplace = "", ...rest] = new URL(req.url).pathname.slice(PREFIX.length).split("/").filter(Boolean);
  return webhookEndpoint(marketplace, rest.join("/"));
}

const notFound = () => Response.json({ error: { code: "not_found", message: "No marketplace notification endpoint here." } }, { status: 404 });

export async function GET(req: Request): Promise<Response> {
  const get = endpointOf(req)?.GET;
  return get ? get(req) : notFound();
}

export async function POST(req: Request): Promise<Response> {
  const post = endpointOf(req)?.POST;
  return post ? post(req, { receive: receiveNotice, afterResponse: (task) => after(task) }) : notFound();
}
