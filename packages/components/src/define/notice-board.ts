import { GkNoticeBoard } from '../notice-board/notice-board.js';
import { define } from '../internal/registry.js';
import './provider.js';

define('gk-notice-board', GkNoticeBoard);

declare global {
  interface HTMLElementTagNameMap {
    'gk-notice-board': GkNoticeBoard;
  }
}
