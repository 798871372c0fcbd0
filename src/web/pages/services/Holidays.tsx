// 节假日设置: the working-day calendar behind every step deadline — weekends, plus listed holidays,
// minus listed make-up working days (调休上班).
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { showFormError } from "../../api/forms";
import { type HolidayDay, holidayApi } from "../../api/services";
import { PageHeader } from "../../components/PageHeader";
import { useLang, useT } from "../../i18n";
import { chinaToday } from "../../lib/period";
import "./services.css";

const WEEKDAYS_ZH = ["日", "一", "二", "三", "四", "五", "六"];
const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

interface AddValues {
  date: Dayjs;
  kind: HolidayDay["kind"];
  name: string;
}

export default function HolidaysPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [days, setDays] = useState<HolidayDay[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<AddValues>();

  const load = useCallback(() => {
    setDays(null);
    holidayApi
      .list(year)
      .then((r) => setDays(r.items))
      .catch(() => setDays([]));
  }, [year]);
  useEffect(load, [load]);

  const onAdd = async (v: AddValues) => {
    setSaving(true);
    try {
      const date = v.date.format("YYYY-MM-DD");
      await holidayApi.put(date, { kind: v.kind, name: v.name.trim() });
      message.success(t("holidays.saved", { date }));
      form.resetFields(["date", "name"]);
      if (Number(date.slice(0, 4)) === year) load();
      else setYear(Number(date.slice(0, 4)));
    } catch (e) {
      showFormError(form, e, lang, { fields: ["date", "kind", "name"] });
    } finally {
      setSaving(false);
    }
  };

  const weekday = (date: string) => {
    const d = new Date(`${date}T00:00:00Z`).getUTCDay();
    return (lang === "zh" ? WEEKDAYS_ZH : WEEKDAYS_EN)[d] ?? "";
  };

  return (
    <>
      <PageHeader title={t("holidays.title")}>{t("holidays.intro")}</PageHeader>
      <Card variant="borderless" className="rc-mb" title={t("holidays.add")}>
        <Form<AddValues>
          form={form}
          layout="inline"
          name="holiday"
          onFinish={onAdd}
          initialValues={{ kind: "holiday" }}
        >
          <Form.Item
            name="date"
            label={t("holidays.date")}
            rules={[{ required: true, message: t("holidays.dateRequired") }]}
          >
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="kind" label={t("holidays.kind")} rules={[{ required: true }]}>
            <Select
              className="rc-filter-status"
              options={[
                { value: "holiday", label: t("holidays.kind.holiday") },
                { value: "workday", label: t("holidays.kind.workday") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t("holidays.name")}
            rules={[{ required: true, whitespace: true, message: t("holidays.nameRequired") }, { max: 40 }]}
          >
            <Input maxLength={40} placeholder={t("holidays.namePlaceholder")} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={saving}>
              {t("holidays.save")}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card
        variant="borderless"
        title={t("holidays.listTitle", { year })}
        extra={
          <Select
            aria-label={t("holidays.year")}
            value={year}
            onChange={setYear}
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({
              value: y,
              label: String(y),
            }))}
          />
        }
      >
        <Table<HolidayDay>
          rowKey="date"
          size="small"
          pagination={false}
          loading={days === null}
          dataSource={days ?? []}
          locale={{ emptyText: t("holidays.empty") }}
          columns={[
            {
              title: t("holidays.date"),
              key: "date",
              render: (_, d) => (
                <span className="rc-mono rc-nowrap">
                  {d.date} {t("holidays.weekday", { d: weekday(d.date) })}
                </span>
              ),
            },
            {
              title: t("holidays.kind"),
              key: "kind",
              render: (_, d) => (
                <Tag color={d.kind === "holiday" ? "red" : "blue"}>{t(`holidays.kind.${d.kind}`)}</Tag>
              ),
            },
            { title: t("holidays.name"), key: "name", render: (_, d) => d.name },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_, d) => (
                <Popconfirm
                  title={t("holidays.removeConfirm", { date: d.date })}
                  okText={t("common.ok")}
                  cancelText={t("common.cancel")}
                  onConfirm={async () => {
                    try {
                      await holidayApi.remove(d.date);
                      load();
                    } catch {
                      // shown by the client
                    }
                  }}
                >
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t("holidays.remove", { date: d.date })}
                  />
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
