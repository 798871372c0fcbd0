import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

const root = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

// Vendor groups, most specific first. echarts only ships with the lazily loaded chart chunk,
// so the first page (login / home) never downloads it.
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: "vendor-echarts", test: /[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 40 },
  {
    name: "vendor-react",
    test: /[\\/]node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/,
    priority: 30,
  },
  {
    name: "vendor-antd",
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime|classnames|clsx|stylis|@emotion|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|json2mq|string-convert|copy-to-clipboard|toggle-selection|resize-observer-polyfill)[\\/]/,
    priority: 20,
  },
];

// The dev server's root is src/web, so the client's own modules (src/web/api/*.ts) are served under
// /api/… too; those stay local, everything else under /api goes to the rencai server.
const apiProxy: ProxyOptions = {
  target: "http://127.0.0.1:8080",
  changeOrigin: false,
  bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? "") ? req.url : undefined),
};

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": apiProxy },
  },
  preview: {
    proxy: { "/api": apiProxy },
  },
});
