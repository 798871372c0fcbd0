import type { ThemeConfig } from "antd";

export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

export const BRAND_BLUE = "#1d4ed8";
export const BRAND_RED = "#c0392b";

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    colorInfo: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    colorError: "#b42318",
    colorSuccess: "#15803d",
    colorWarning: "#b45309",
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    colorBgLayout: "#f3f5f8",
    colorTextBase: "#1f2329",
  },
  components: {
    Layout: {
      headerBg: "#ffffff",
      headerHeight: 60,
      headerPadding: "0 20px",
      siderBg: "#ffffff",
      bodyBg: "#f3f5f8",
      footerBg: "transparent",
      footerPadding: "16px 24px",
    },
    Menu: {
      itemSelectedBg: "#eaf0ff",
      itemSelectedColor: BRAND_BLUE,
      itemBorderRadius: 6,
      groupTitleColor: "#8a919f",
    },
    Card: { headerFontSize: 15 },
    Table: { headerBg: "#f7f8fa" },
  },
};
