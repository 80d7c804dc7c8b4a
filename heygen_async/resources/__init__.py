"""HeyGen's API by noun: ``client.voices``, ... (one module each, loaded on first use).

Each module declares its operations once (``_endpoint.endpoint``): the async
method, its sync form (``HeyGenClient().<noun>``) and its raw-response form
(``.with_raw_response``) all come from that declaration.
"""
