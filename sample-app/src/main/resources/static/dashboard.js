// Charts the producer's meters from /actuator/metrics without any library: a value and a
// sparkline per meter. Each value is also written to data-value so a headless browser can read it.
(function () {
  'use strict';

  const METERS = [
    { id: 'throttle', name: 'legacykafka.producer.throttle.time', stat: 'TOTAL_TIME', title: 'Throttle time (total)', unit: 's' },
    { id: 'throttleMax', name: 'legacykafka.producer.throttle.time', stat: 'MAX', title: 'Throttle time (max)', unit: 's' },
    { id: 'recordErrors', name: 'legacykafka.producer.record.errors', stat: 'COUNT', title: 'Record errors', unit: 'records' },
    { id: 'recordsSent', name: 'legacykafka.producer.records.sent', stat: 'COUNT', title: 'Records sent', unit: 'records' },
    { id: 'sendErrors', name: 'legacykafka.producer.send.errors', stat: 'COUNT', title: 'Send errors', unit: 'records' },
    { id: 'latency', name: 'legacykafka.producer.request.latency', stat: 'MAX', title: 'Request latency (max)', unit: 's' },
    { id: 'sendLatency', name: 'legacykafka.template.send', stat: 'MAX', title: 'Send to acknowledgement (max)', unit: 's' },
    { id: 'version', name: 'legacykafka.producer.produce.version', stat: 'VALUE', title: 'Produce version', unit: '' },
    { id: 'buffer', name: 'legacykafka.producer.buffer.available', stat: 'VALUE', title: 'Buffer available', unit: 'bytes' }
  ];
  const HISTORY = 60;
  const series = {};

  const cards = document.getElementById('cards');
  for (const meter of METERS) {
    series[meter.id] = [];
    const card = document.createElement('div');
    card.className = 'card';
    card.innerHTML = '<h2>' + meter.title + '</h2>'
      + '<div><span class="value" id="value-' + meter.id + '" data-meter="' + meter.id + '" data-value="">–</span> '
      + '<span class="unit">' + meter.unit + '</span></div>'
      + '<canvas id="chart-' + meter.id + '" width="360" height="120"></canvas>';
    cards.appendChild(card);
  }

  function statistic(body, stat) {
    const m = (body.measurements || []).find(x => x.statistic === stat);
    return m ? m.value : null;
  }

  async function read(meter) {
    const response = await fetch('actuator/metrics/' + meter.name);
    if (response.status === 404) {
      return 0; // not registered yet: nothing happened
    }
    if (!response.ok) {
      throw new Error(meter.name + ': HTTP ' + response.status);
    }
    return statistic(await response.json(), meter.stat) || 0;
  }

  function draw(meter) {
    const canvas = document.getElementById('chart-' + meter.id);
    const ctx = canvas.getContext('2d');
    const values = series[meter.id];
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (values.length < 2) {
      return;
    }
    const max = Math.max(...values) || 1;
    ctx.strokeStyle = '#2a6fdb';
    ctx.lineWidth = 2;
    ctx.beginPath();
    values.forEach((v, i) => {
      const x = (i / (HISTORY - 1)) * canvas.width;
      const y = canvas.height - (v / max) * (canvas.height - 10) - 5;
      if (i === 0) { ctx.moveTo(x, y); } else { ctx.lineTo(x, y); }
    });
    ctx.stroke();
  }

  function format(value) {
    if (Math.abs(value) >= 1000) { return Math.round(value).toLocaleString('en'); }
    return Number(value.toPrecision(4)).toString();
  }

  async function refresh() {
    const status = document.getElementById('status');
    try {
      for (const meter of METERS) {
        const value = await read(meter);
        const values = series[meter.id];
        values.push(value);
        if (values.length > HISTORY) { values.shift(); }
        const element = document.getElementById('value-' + meter.id);
        element.textContent = format(value);
        element.dataset.value = String(value);
        draw(meter);
      }
      status.textContent = '';
      document.body.dataset.refreshed = String(Date.now());
    } catch (e) {
      status.textContent = 'Could not read the meters: ' + e.message;
    }
  }

  refresh();
  setInterval(refresh, 1000);
})();
