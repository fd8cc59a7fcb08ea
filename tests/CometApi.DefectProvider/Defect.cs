namespace CometApi.DefectProvider;

/// <summary>What the provider gets wrong; <see cref="None"/> is a healthy OpenAI-compatible provider.</summary>
public enum Defect
{
    None,

    /// <summary>No x-request-id header on any answer.</summary>
    MissingRequestId,

    /// <summary>The API lives under /api/v2, so the configured /v1 answers 404.</summary>
    WrongBasePath,

    /// <summary>401, 400, 404 and 429 come as HTML pages (a gateway in front of the API).</summary>
    HtmlErrors,

    /// <summary>Answers carry no usage (neither in JSON nor in the stream).</summary>
    NoUsage,

    /// <summary>A streamed answer sends its first chunk, then nothing more, without closing.</summary>
    StalledStream,

    /// <summary>Chat requests that should succeed get HTTP 200 with an error body.</summary>
    ErrorBodyOn200,

    /// <summary>Any key, or none, is accepted.</summary>
    OpenDoor,

    /// <summary>An unknown model gets a bare 400 that does not say it is the model.</summary>
    UnknownModelNotNamed,

    /// <summary>Chat requests that should succeed get no answer (headers never come) until the client gives up.</summary>
    SlowAnswer,

    /// <summary>Even the valid key is refused (401).</summary>
    KeyRefused,

    /// <summary>A streamed request is answered with plain JSON.</summary>
    StreamAsJson,

    /// <summary>A refused key is echoed whole in the 401 message (as some gateways do): it must not reach any evidence.</summary>
    KeyEchoed,
}
