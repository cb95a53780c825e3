'use strict';
/**
 * The answer a handler builds. Handlers never touch the socket: the core decides whether the answer is sent,
 * replaced (fault injection) or truncated, and validates it against the contract first.
 */
class Reply {
	/** errorStyle: 'Error' ({code,message,target}) or 'ErrorInfo' ({errorCode,errorMessage,parameters}). */
	constructor(errorStyle = 'Error') {
		this.errorStyle = errorStyle;
		this.status = null;
		this.headers = {};
		this.contentType = null;
		this.body = Buffer.alloc(0);
	}

	get sent() {
		return this.status !== null;
	}

	setHeader(name, value) {
		this.headers[name] = value;
		return this;
	}

	sendJson(status, value) {
		return this.#set(status, 'application/json', Buffer.from(JSON.stringify(value)));
	}

	/** `Error` body, used by printers, print, queue, enrollments and flash pass operations. */
	sendError(status, code, message, target) {
		return this.sendJson(
			status,
			target === undefined ? { code, message } : { code, message, target },
		);
	}

	/** `ErrorInfo` body, used by auth, applications, roles, tenants and webhooks operations. */
	sendErrorInfo(status, errorCode, errorMessage, parameters = []) {
		return this.sendJson(status, { errorCode, errorMessage, parameters });
	}

	/** Error body in whichever family the current operation uses. */
	error(status, code, message, target) {
		if (this.errorStyle === 'ErrorInfo')
			return this.sendErrorInfo(status, code, message, target === undefined ? [] : [{ target }]);
		return this.sendError(status, code, message, target);
	}

	/** 404 for a resource named by a path parameter: "<what> <id> not found", in the operation's error family. */
	notFound(what, id) {
		return this.error(404, 'NOT_FOUND', `${what} ${id} not found`, id);
	}

	sendEmpty(status) {
		return this.#set(status, null, Buffer.alloc(0));
	}

	sendBinary(status, contentType, buffer) {
		return this.#set(status, contentType, Buffer.from(buffer));
	}

	sendText(status, text, contentType = 'text/plain; charset=utf-8') {
		return this.#set(status, contentType, Buffer.from(String(text)));
	}

	#set(status, contentType, body) {
		this.status = status;
		this.contentType = contentType;
		this.body = body;
		return this;
	}
}

module.exports = { Reply };
