// Runs in <head> before the first paint, so a remembered choice never flashes the other theme.
// Constant text: cached public pages allow it by its hash, live renders by the request nonce.
export const THEME_STORAGE_KEY = 'shirase-theme';
export const THEME_SCRIPT = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}`;
