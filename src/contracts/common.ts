// Schema helpers shared by every contract. TypeBox only: this folder is read by the server (values)
// and by the web app (types only), so nothing here may import server or browser code.
import { type TSchema, Type } from "@sinclair/typebox";

/** A string restricted to a fixed list, with the union type inferred (and `enum` in the OpenAPI doc). */
export const StringEnum = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) => Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...options });

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** Keyset paging query members: the cursor is the last row's sort key, opaque to clients. Never OFFSET. */
export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

/** The response shape of every keyset-paged list. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** `/:id` path parameters: a time-ordered id (26 characters) or another short key. */
export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

/** A text in both languages of the UI. */
export const Localized = Type.Object({ zh: Type.String(), en: Type.String() });
