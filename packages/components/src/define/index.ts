import './provider.js';
import './notice-board.js';
