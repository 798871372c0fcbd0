// The schema helpers live with the contracts (shared with the web app); re-exported for server code.
export { Nullable, StringEnum } from "../../contracts/common.js";
