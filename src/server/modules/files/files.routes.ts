import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { opOf } from "../../http/guard.js";
import type { Services } from "../../services.js";
import { contentDisposition } from "./detect.js";
import { FileParams, FileView, MAX_FILE_BYTES, UploadQuery } from "./files.schema.js";

const tags = ["files"];
const OCTET_STREAM = "application/octet-stream";

export function fileRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Raw bytes only (no JSON, no multipart), and only on the routes of this plugin: anything else is a 415.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(OCTET_STREAM, { parseAs: "buffer" }, (_request, body, done) => done(null, body));

    app.post(
      "/api/files",
      {
        config: { policy: "files.upload" },
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          tags,
          summary: "Upload a file (raw bytes) / 上传文件",
          description:
            "The body is the file itself with Content-Type application/octet-stream; PDF, JPEG, PNG, .docx or .xlsx, at most 20 MB, recognised by content.",
          consumes: [OCTET_STREAM],
          querystring: UploadQuery,
          response: { 201: FileView },
        },
      },
      async (request, reply) => {
        const file = await services.files.upload(opOf(request), {
          filename: request.query.filename,
          // No body at all (and no content type) is an empty file.
          bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        });
        return reply.code(201).send(file);
      },
    );

    app.get(
      "/api/files/:id",
      {
        config: { policy: "files.read" },
        // A HEAD would be audited as a download that sent nothing.
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: "Download a file / 下载文件",
          produces: [OCTET_STREAM],
          params: FileParams,
        },
      },
      async (request, reply) => {
        const { file, stream } = await services.files.download(opOf(request), request.params.id);
        return reply
          .type(file.mime)
          .header("content-length", file.size)
          .header("content-disposition", contentDisposition(file.filename))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "private, no-store")
          .send(stream);
      },
    );
  };
}
