// The catalogue editor's form-schema field: JSON text on the left, its problems and a live preview of
// the rendered application form on the right. Value is the JSON text; the caller parses it on save.
import { Alert, Card, Form, Input } from "antd";
import { useMemo } from "react";
import { pick, useLang, useT } from "../i18n";
import { checkFormSchema, type FormSchema, SchemaFields } from "./SchemaForm";

/** Parses and checks schema text: the schema, or the problems in words. */
export function parseSchemaText(
  text: string | undefined,
):
  | { schema: FormSchema; problems: [] }
  | { schema: null; problems: { path: string; zh: string; en: string }[] } {
  let v: unknown;
  try {
    v = JSON.parse(text ?? "");
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { schema: null, problems: [{ path: "", zh: `JSON 格式错误：${m}`, en: `Invalid JSON: ${m}` }] };
  }
  const problems = checkFormSchema(v);
  if (problems.length)
    return { schema: null, problems: problems.map((p) => ({ path: p.path, ...p.message })) };
  return { schema: v as FormSchema, problems: [] };
}

export function SchemaEditor({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const parsed = useMemo(() => parseSchemaText(value), [value]);
  const [preview] = Form.useForm();
  return (
    <div className="rc-schema-editor">
      <Input.TextArea
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 14, maxRows: 30 }}
        className="rc-mono"
        spellCheck={false}
        aria-label={t("catalogue.formSchema")}
      />
      <Card size="small" title={t("catalogue.preview")} className="rc-schema-preview">
        {parsed.schema ? (
          <Form form={preview} layout="vertical" name="schema-preview">
            <SchemaFields schema={parsed.schema} />
          </Form>
        ) : (
          <Alert
            type="error"
            showIcon
            title={t("catalogue.schemaInvalid")}
            description={
              <ul className="rc-tip-list">
                {parsed.problems.map((p) => (
                  <li key={`${p.path}:${p.zh}`}>
                    {p.path ? <code>{p.path}</code> : null} {pick(lang, { zh: p.zh, en: p.en })}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </Card>
    </div>
  );
}
